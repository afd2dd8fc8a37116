import { component$, useSignal } from "@builder.io/qwik";
import type { DocumentHead } from "@builder.io/qwik-city";

export default component$(() => {
  const count = useSignal(0);
  return (
    <main>
      <h1>Counter</h1>
      <button onClick$={() => count.value++}>Count: {count.value}</button>
    </main>
  );
});

export const head: DocumentHead = { title: "Counter" };
