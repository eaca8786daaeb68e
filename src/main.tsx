import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { parseConfig } from "./lab/config";
import { loadConfig } from "./lab/store";
import "./ui/styles.css";

const { config, notices } = parseConfig(window.location.search);
loadConfig(config, notices);

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
