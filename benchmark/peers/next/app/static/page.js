export default function Page() {
  return (
    <main>
      <h1>Counter</h1>
      <p>Count: 0</p>
    </main>
  );
}
