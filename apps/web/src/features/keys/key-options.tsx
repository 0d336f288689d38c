/** A key filter's options: "All keys", then each key by name and prefix. */
export function KeyOptions({
  keys,
}: {
  keys: Array<{ id: string; name: string; prefix: string }>;
}) {
  return (
    <>
      <option value="">All keys</option>
      {keys.map((key) => (
        <option key={key.id} value={key.id}>
          {key.name} ({key.prefix}…)
        </option>
      ))}
    </>
  );
}
