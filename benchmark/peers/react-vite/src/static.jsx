import { createRoot } from "react-dom/client";

// A client-rendered SPA has no server HTML: even the static page renders with React.
createRoot(document.getElementById("root")).render(
  <main>
    <h1>Counter</h1>
    <p>Count: 0</p>
  </main>,
);
