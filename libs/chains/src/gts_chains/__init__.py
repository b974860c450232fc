"""Signal-chain rules shared by shootouts and render: block grammar and effect parameters."""
