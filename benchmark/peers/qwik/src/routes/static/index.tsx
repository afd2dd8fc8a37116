import { component$ } from "@builder.io/qwik";
import type { DocumentHead } from "@builder.io/qwik-city";

export default component$(() => (
  <main>
    <h1>Counter</h1>
    <p>Count: 0</p>
  </main>
));

export const head: DocumentHead = { title: "Counter" };
