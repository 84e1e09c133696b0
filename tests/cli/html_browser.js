// Drives the HTML report in headless Chromium with playwright-core and
// prints what it finds as JSON: node html_browser.js PAGE CHROMIUM CLICK_ID SEARCH
const { chromium } = require("playwright-core");
const [page_path, executable, click_id, search] = process.argv.slice(2);
(async () => {
  const browser = await chromium.launch({
    executablePath: executable,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto("file://" + page_path);
  const marks = () => page.evaluate(() => {
    const ids = (sel) => Array.from(document.querySelectorAll("svg.chain.interactive " + sel)).map((g) => g.getAttribute("data-id")).sort();
    return {
      selected: ids("g.node.selected"), chain: ids("g.node.chain"), behind: ids("g.node.behind"),
      depends: ids("g.node.depends"), dim: ids("g.node.dim"), found: ids("g.node.found"),
      chain_edges: document.querySelectorAll("svg.chain.interactive path.edge.chain").length,
      status: document.querySelector(".toolbar .status").textContent,
    };
  });
  const out = await page.evaluate(() => {
    const svg = document.querySelector("svg.chain.interactive");
    const figure = svg.closest("figure");
    return {
      window_width: window.innerWidth,
      svg_width: svg.getBoundingClientRect().width,
      page_width: document.documentElement.scrollWidth,
      figure_scrolls: figure.scrollWidth > figure.clientWidth + 1,
      text: svg.textContent,
      names: Array.from(svg.querySelectorAll("g.node text.name")).map((t) => t.textContent),
      nodes: Array.from(svg.querySelectorAll("g.node")).map((g) => g.getAttribute("data-id")).sort(),
    };
  });
  const node = `svg.chain.interactive g.node[data-id="${click_id}"]`;
  out.before = await marks();
  await page.click(node);
  out.clicked = await marks();
  await page.click(node);
  out.clicked_again = await marks();
  await page.fill(".toolbar input[type=search]", search);
  out.searched = await marks();
  await page.press(".toolbar input[type=search]", "Enter");
  out.entered = await marks();
  // Zoom in, and the drawing shows part of itself at the same width.
  await page.fill(".toolbar input[type=search]", "");
  await page.click('.toolbar button[data-zoom="in"]');
  out.zoomed = await page.evaluate(() => {
    const svg = document.querySelector("svg.chain.interactive");
    return { view: svg.getAttribute("viewBox"), width: svg.getBoundingClientRect().width };
  });
  out.errors = errors;
  console.log(JSON.stringify(out));
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
