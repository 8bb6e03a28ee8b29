// The baseline: a bare node:http server answering every path with a JSON body of a given size. Run under the same
// conditions as the emulator, it is the floor this machine and Node set for "one request in, N bytes out";
// the emulator's ratio to it is what the framework, validation, auth and SQLite add.
// usage: node bench/baseline.mjs <port> <bodyBytes>
import { createServer } from "node:http";

const [port, bytes] = process.argv.slice(2).map(Number);
// {"pad":"xxx…"} is 10 bytes plus the padding: exactly `bytes` long.
const body = Buffer.from(bytes >= 10 ? JSON.stringify({ pad: "x".repeat(bytes - 10) }) : "x".repeat(bytes));

createServer((req, res) => {
  // Read the request body to its end, as the emulator must, before answering.
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
    res.end(body);
  });
}).listen(port, "127.0.0.1");
