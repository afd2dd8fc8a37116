// The counter in HTMX: the page and one endpoint, served by Node's http module. The button
// carries its count; a click posts it and is swapped for the button the server renders.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";

const htmx = readFileSync(new URL("./node_modules/htmx.org/dist/htmx.min.js", import.meta.url));
const button = (count) => `<button hx-post="/increment?count=${count}" hx-swap="outerHTML">Count: ${count}</button>`;
const page = (body) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Counter</title>` +
  `<script src="/htmx.min.js" defer></script></head><body><main><h1>Counter</h1>${body}</main></body></html>`;
// The static page needs no htmx: plain HTML.
const staticPage = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Counter</title></head><body><main><h1>Counter</h1><p>Count: 0</p></main></body></html>`;

const port = Number(process.env.PORT || 3000);
createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  const send = (type, body) => {
    res.writeHead(200, { "content-type": type });
    res.end(body);
  };
  if (req.method == "GET" && url.pathname == "/") return send("text/html; charset=utf-8", page(button(0)));
  if (req.method == "GET" && url.pathname == "/static") return send("text/html; charset=utf-8", staticPage);
  if (req.method == "GET" && url.pathname == "/htmx.min.js") return send("text/javascript", htmx);
  if (req.method == "POST" && url.pathname == "/increment") return send("text/html; charset=utf-8", button(Number(url.searchParams.get("count")) + 1));
  res.writeHead(404).end();
}).listen(port, "127.0.0.1");
