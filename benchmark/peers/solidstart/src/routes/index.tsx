import { createSignal } from "solid-js";

export default function Home() {
  const [count, setCount] = createSignal(0);
  return (
    <main>
      <h1>Counter</h1>
      <button onClick={() => setCount(count() + 1)}>Count: {count()}</button>
    </main>
  );
}
