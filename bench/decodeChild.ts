import { readFile } from "node:fs/promises";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { loadConfig } from "../src/config.js";
import { REPLICA_TASK_SESSION } from "../src/modules/replica-task-session/replica-task-session.entity.js";
import { XmlWorkerDecoder } from "../src/xml-workers/XmlWorkerDecoder.js";

/**
 * The gateway's decoder alone in a child process, for the XML-worker run: it decodes one large query page
 * (`BENCH_BODY_PATH`, `BENCH_ENTITIES` rows) `BENCH_RUNS` times with the gateway's configured settings
 * (`XML_WORKERS` from the environment, every other XML_* at its default), and sends back the event-loop
 * delay while decoding, the time per decode and the process's peak RSS, worker threads included, which is
 * then the decoder's own and not the benchmark's.
 */
const config = loadConfig({
  VEEAM_EM_URL: "http://127.0.0.1:1/api",
  VEEAM_EM_USERNAME: "bench",
  VEEAM_EM_PASSWORD: "bench",
  XML_WORKERS: process.env["XML_WORKERS"],
});
const body = await readFile(process.env["BENCH_BODY_PATH"]!);
const entities = Number(process.env["BENCH_ENTITIES"]);
const runs = Number(process.env["BENCH_RUNS"]);
const decoder = new XmlWorkerDecoder({
  workers: config.xmlWorkers,
  heapMb: config.xmlWorkerHeapMb,
  inlineBelowBytes: config.xmlInlineBelowBytes,
  deadlineMs: config.xmlParseDeadlineMs,
});
const request = {
  format: "Entities" as const,
  maxDepth: 64,
  maxBytes: body.length + 1024,
  maxNodes: entities * 256 + 1000,
  source: { method: "GET", url: "bench" },
};
await decoder.decode(body, request, REPLICA_TASK_SESSION.source); // warm-up (starts the worker)
const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
const started = performance.now();
let rows = 0;
for (let run = 0; run < runs; run++) {
  rows = (await decoder.decode(body, request, REPLICA_TASK_SESSION.source)).rows.length;
}
const decodeMs = (performance.now() - started) / runs;
histogram.disable();
await decoder.close();
const ms = (ns: number) => ns / 1e6;
process.send?.(
  {
    workers: config.xmlWorkers,
    rows,
    decodeMs,
    decodeEventLoopDelayMs: {
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
    },
    // resourceUsage().maxRSS is in kilobytes: the peak over the child's whole life, threads included.
    decodePeakRssBytes: process.resourceUsage().maxRSS * 1024,
  },
  () => process.exit(0),
);
