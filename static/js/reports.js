// The reports page: show only the pickers the chosen period needs, and draw the charts
// from the page's JSON (the table above them stays the reference; charts only illustrate).
import { pageData, t } from "./motcua.js";

const COLORS = {
  very_satisfied: "#1b7f3b",
  satisfied: "#62b36f",
  neutral: "#9aa5b1",
  unsatisfied: "#c62828",
  issued: "#1f4e8c",
  served: "#62b36f",
  avg: "#1f4e8c",
  p90: "#f0b429",
};

function showPickers() {
  const period = document.getElementById("period");
  if (!period) return;
  const update = () => {
    for (const field of document.querySelectorAll("[data-for]")) {
      const wanted = field.dataset.for.split(" ").includes(period.value);
      field.hidden = !wanted;
      for (const input of field.querySelectorAll("input, select")) input.disabled = !wanted;
    }
  };
  period.addEventListener("change", update);
  update();
}

const numberFormat = new Intl.NumberFormat(document.documentElement.lang || "vi", {
  maximumFractionDigits: 1,
});

function baseOptions(extra = {}) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    layout: { padding: { top: 22 } }, // room for the values written on the bars
    plugins: { legend: { labels: { font: { size: 14 } } } },
    ...extra,
  };
}

/** A small Chart.js plugin: write each bar's value at its end, so a phone needs no tooltip. */
function valueLabels(format) {
  return {
    id: "valueLabels",
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const horizontal = chart.options.indexAxis === "y";
      ctx.save();
      ctx.font = "600 13px " + window.Chart.defaults.font.family;
      ctx.fillStyle = "#102a43";
      ctx.textAlign = horizontal ? "left" : "center";
      ctx.textBaseline = horizontal ? "middle" : "bottom";
      chart.data.datasets.forEach((dataset, i) => {
        chart.getDatasetMeta(i).data.forEach((bar, j) => {
          const value = dataset.data[j];
          if (value === null || value === undefined) return;
          const text = format(value);
          if (horizontal) ctx.fillText(text, bar.x + 4, bar.y);
          else ctx.fillText(text, bar.x, bar.y - 2);
        });
      });
      ctx.restore();
    },
  };
}

function emptyNote(canvas) {
  const note = document.createElement("p");
  note.className = "chart-empty";
  note.textContent = t("no_data");
  canvas.replaceWith(note);
}

function levelsChart(data) {
  const canvas = document.getElementById("chart-levels");
  if (!data.rated) return emptyNote(canvas);
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.levels.map((l) => (window.innerWidth < 600 ? wrap(l.label, 10) : l.label)),
      datasets: [
        {
          label: t("percent_of_ratings"),
          data: data.levels.map((l) => l.percent),
          backgroundColor: data.levels.map((l) => COLORS[l.level] || "#52606d"),
        },
      ],
    },
    plugins: [valueLabels((v) => `${numberFormat.format(v)}%`)],
    options: baseOptions({
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (ctx) => {
              const level = data.levels[ctx.dataIndex];
              return `${numberFormat.format(level.percent)}% (${level.count})`;
            },
          },
        },
      },
      scales: {
        y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%`, font: { size: 13 } } },
        x: { ticks: { font: { size: 14 } } },
      },
    }),
  });
}

function hoursChart(data) {
  const canvas = document.getElementById("chart-hours");
  if (!data.hours.length) return emptyNote(canvas);
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.hours.map((h) => h.label),
      datasets: [
        { label: t("issued"), data: data.hours.map((h) => h.issued), backgroundColor: COLORS.issued },
        { label: t("served"), data: data.hours.map((h) => h.served), backgroundColor: COLORS.served },
      ],
    },
    plugins: [valueLabels((v) => numberFormat.format(v))],
    options: baseOptions({
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    }),
  });
}

/** Split a long name into lines of about `width` characters (Chart.js draws arrays as lines). */
function wrap(text, width = 22) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && (line + " " + word).length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function sectorsChart(data) {
  const canvas = document.getElementById("chart-sectors");
  if (!data.sectors.length) return emptyNote(canvas);
  const narrow = window.innerWidth < 600;
  const labels = data.sectors.map((s) => wrap(s.label, narrow ? 16 : 30));
  const lines = labels.reduce((n, l) => n + Math.max(l.length, 2), 0);
  canvas.parentElement.style.height = `${Math.max(220, lines * 22 + 90)}px`;
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels,
      datasets: [
        { label: t("avg_wait"), data: data.sectors.map((s) => s.avg), backgroundColor: COLORS.avg },
        { label: t("p90_wait"), data: data.sectors.map((s) => s.p90), backgroundColor: COLORS.p90 },
      ],
    },
    plugins: [valueLabels((v) => numberFormat.format(v))],
    options: baseOptions({
      indexAxis: "y",
      layout: { padding: { right: 44 } },
      scales: {
        x: { beginAtZero: true, title: { display: true, text: t("minutes") } },
        y: { ticks: { font: { size: 13 } } },
      },
    }),
  });
}

showPickers();
const data = pageData();
if (window.Chart && data.levels) {
  window.Chart.defaults.font.family = '"Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif';
  window.Chart.defaults.color = "#102a43";
  levelsChart(data);
  hoursChart(data);
  sectorsChart(data);
  document.body.dataset.charts = "drawn";
}
