import { chromium } from "@playwright/test";
const [,, query, out, wait = "3000", ...actions] = process.argv;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
await page.goto(`http://localhost:5190/${query}`);
await page.waitForTimeout(Number(wait));
for (const a of actions) { await eval(a); }
await page.screenshot({ path: out, fullPage: true });
console.log("errors:", errors);
console.log(await page.locator(".log").innerText().catch(() => "no log"));
await browser.close();
