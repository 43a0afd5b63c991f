// Lighthouse's SEO and best-practices audits on each address given, in one
// Chromium, printing {address: {scores: {category: score}, failing: [audit, ...]}}.
// tests/lighthouse.py runs it; Chromium comes from CHROME_PATH.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const results = {};
try {
  for (const address of process.argv.slice(2)) {
    const { lhr } = await lighthouse(address, {
      port: chrome.port,
      onlyCategories: ["seo", "best-practices"],
      logLevel: "error",
    });
    results[address] = {
      scores: Object.fromEntries(Object.entries(lhr.categories).map(([name, category]) => [name, category.score])),
      failing: Object.values(lhr.audits)
        .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative")
        .map((audit) => `${audit.id}: ${audit.title}`),
    };
  }
} finally {
  await chrome.kill();
}
console.log(JSON.stringify(results));
