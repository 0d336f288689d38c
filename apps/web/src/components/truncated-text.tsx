/**
 * Text that may be long and unbroken (a name, an alias): one line cut with an ellipsis at the
 * width `className` allows, the whole text in the title (shown on hover).
 */
export function TruncatedText({ text, className = "" }: { text: string; className?: string }) {
  return (
    <span title={text} className={`block truncate ${className}`}>
      {text}
    </span>
  );
}
