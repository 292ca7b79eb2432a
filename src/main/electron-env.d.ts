// Vite import suffixes understood by electron-vite in the main process (e.g. `icon.png?asset`).
/// <reference types="electron-vite/node" />
