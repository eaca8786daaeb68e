import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { parseConfig } from "./lab/config";
import { ensureIsolation, type IsolationState } from "./lab/isolation";
import { loadConfig } from "./lab/store";
import { NotIsolated } from "./ui/NotIsolated";
import "./ui/styles.css";

const { config, notices } = parseConfig(window.location.search);
loadConfig(config, notices);

/** Isolation first (possibly through the service worker and one reload), then the lab. */
function Boot() {
  const [isolation, setIsolation] = useState<IsolationState | null>(
    globalThis.crossOriginIsolated ? { kind: "isolated" } : null,
  );
  useEffect(() => {
    let live = true;
    void ensureIsolation(import.meta.env.PROD).then((state) => {
      if (live) setIsolation(state);
    });
    return () => {
      live = false;
    };
  }, []);
  if (isolation?.kind === "isolated") return <App />;
  return <NotIsolated state={isolation} />;
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Boot />
    </StrictMode>,
  );
}
