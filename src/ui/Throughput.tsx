import { useAnimationFrame } from "framer-motion";
import { useEffect, useRef } from "react";
import type uPlot from "uplot";
import { roleOfSlot, slotName } from "../engine/layout";
import { formatRate, RateSampler, type Rates } from "../lab/rates";
import { activeSlots, useLab } from "../lab/store";
import { cssColour, setText } from "./dom";

const COLUMNS: ReadonlyArray<readonly [keyof Rates, string]> = [
  ["readsPerSec", "reads/s"],
  ["acceptedPerSec", "accepted/s"],
  ["retriesPerSec", "retries/s"],
  ["writesPerSec", "writes/s"],
  ["torn", "torn accepted"],
];

/**
 * Live throughput per thread and in total, from the counters in the shared buffer, and a chart
 * of the last half minute. The chart library (uPlot) loads on demand, outside the initial JS.
 */
export function Throughput() {
  const config = useLab((s) => s.config);
  const slots = activeSlots(config);
  const tableRef = useRef<HTMLTableElement>(null);
  const chartRef = useRef<HTMLDivElement>(null);
  const sampler = useRef<{ session: unknown; rates: RateSampler } | null>(null);
  const plot = useRef<uPlot | null>(null);
  const drawn = useRef(-1);

  useEffect(() => {
    const host = chartRef.current;
    if (!host) return;
    let disposed = false;
    let observer: ResizeObserver | undefined;
    // The chart library loads when the chart first scrolls into view, not with the page.
    const load = () =>
      Promise.all([import("uplot"), import("uplot/dist/uPlot.min.css")]).then(([module]) => {
        if (disposed) return;
        const UPlot = module.default;
        const colour = (name: string) => cssColour(host, name);
        const chart = new UPlot(
          {
            width: Math.max(200, host.clientWidth),
            height: 150,
            legend: { show: true, live: false },
            cursor: { show: false },
            scales: { x: { time: false } },
            axes: [
              {
                stroke: colour("--muted"),
                // x is the sampler's clock in seconds; label it relative to the newest sample.
                values: (u, ticks) => {
                  const newest = u.data[0].at(-1) ?? 0;
                  return ticks.map((t) => `${Math.round(t - newest)} s`);
                },
              },
              {
                stroke: colour("--muted"),
                size: 70,
                values: (_u, ticks) => ticks.map((t) => formatRate(t).replace("/s", "")),
              },
            ],
            series: [
              {},
              { label: "accepted/s", stroke: colour("--tl-accept"), width: 2 },
              { label: "retries/s", stroke: colour("--tl-retry"), width: 2 },
              { label: "writes/s", stroke: colour("--tl-critical"), width: 2 },
            ],
          },
          [[], [], [], []],
          host,
        );
        plot.current = chart;
        observer = new ResizeObserver(() =>
          chart.setSize({ width: Math.max(200, host.clientWidth), height: 150 }),
        );
        observer.observe(host);
      });
    const visible = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        visible.disconnect();
        void load();
      }
    });
    visible.observe(host);
    return () => {
      disposed = true;
      visible.disconnect();
      observer?.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, []);

  useAnimationFrame((time) => {
    const session = useLab.getState().session;
    if (!session) return;
    if (sampler.current?.session !== session) {
      sampler.current = { session, rates: new RateSampler(session.mem) };
    }
    const rates = sampler.current.rates;
    if (!rates.sample(time, session.liveSlots())) return;
    const table = tableRef.current;
    if (table) {
      for (const row of table.querySelectorAll<HTMLTableRowElement>("tr[data-slot]")) {
        const slot = Number(row.dataset.slot);
        const r = slot < 0 ? rates.total : rates.perSlot.get(slot);
        const cells = row.querySelectorAll<HTMLElement>("td");
        for (let i = 0; i < cells.length; i++) {
          const [key] = COLUMNS[i];
          const role = slot < 0 ? "total" : roleOfSlot(slot);
          const applies = key === "writesPerSec" ? role !== "reader" : role !== "writer";
          const value = r?.[key];
          const text =
            value === undefined || !applies
              ? ""
              : key === "torn"
                ? value.toLocaleString("en-US")
                : formatRate(value);
          setText(cells[i], text);
        }
      }
    }
    if (plot.current && rates.version !== drawn.current) {
      drawn.current = rates.version;
      plot.current.setData(rates.history);
    }
  });

  return (
    <section className="throughput" aria-label="Throughput">
      <h2>Throughput</h2>
      <table ref={tableRef} data-testid="throughput">
        <thead>
          <tr>
            <th scope="col">thread</th>
            {COLUMNS.map(([key, label]) => (
              <th key={key} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {slots.map((slot) => (
            <tr key={slot} data-slot={slot}>
              <th scope="row">{slotName(slot)}</th>
              {COLUMNS.map(([key]) => (
                <td key={key}>—</td>
              ))}
            </tr>
          ))}
          <tr data-slot={-1} className="total">
            <th scope="row">total</th>
            {COLUMNS.map(([key]) => (
              <td key={key} data-testid={`total-${key}`}>
                —
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <div
        ref={chartRef}
        className="chart"
        role="img"
        aria-label="Total accepted reads, retries and writes per second over the last 30 seconds"
      />
    </section>
  );
}
