/** Every file of the render, to save: its name, what it is, its size. */
import { formatBytes } from "../units";
import type { Download } from "./results";
import "./DownloadList.css";

export function DownloadList({ files }: { files: Download[] }) {
  return (
    <ul className="download-list">
      {files.map((file) => (
        <li key={file.output.id}>
          <a href={file.output.url} download={file.fileName}>
            {file.fileName}
          </a>
          <span className="muted">
            {file.what} · {formatBytes(file.output.size_bytes)}
          </span>
        </li>
      ))}
    </ul>
  );
}
