import Counter from "./counter";

export default function Page() {
  return (
    <main>
      <h1>Counter</h1>
      <Counter />
    </main>
  );
}
