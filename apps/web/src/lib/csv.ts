/** CSV for the console's downloads (RFC 4180: CRLF lines, quoted where a value needs it). */

const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** A header line, then one line per row. */
export const toCsv = (header: readonly string[], rows: readonly (readonly unknown[])[]): string =>
  `${[header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;

/** Saves `text` as a file named `name` in the browser. */
export function downloadCsv(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}
