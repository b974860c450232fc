/** A search landmark form, labelled for screen readers; submitting calls `onSearch` without reloading the page. */
export interface SearchFormProps {
  className: string;
  label: string;
  onSearch: () => void;
  children: React.ReactNode;
}

export function SearchForm({ className, label, onSearch, children }: SearchFormProps) {
  return (
    <form
      className={className}
      role="search"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onSearch();
      }}
    >
      {children}
    </form>
  );
}
