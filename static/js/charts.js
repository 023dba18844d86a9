// Line charts: the values of a year appear on hover and on keyboard focus. Each chart is
// one tab stop; the arrow keys move between its years. Without this script every year's
// values are still in the chart's text for screen readers and in the table below.
document.querySelectorAll("svg.line-chart").forEach((chart) => {
  const bands = Array.from(chart.querySelectorAll(".chart-band"));
  const tooltip = chart.querySelector(".chart-tooltip");
  if (!bands.length || !tooltip) {
    return;
  }
  const show = (band) => {
    tooltip.textContent = band.getAttribute("aria-label");
    bands.forEach((other) => other.classList.toggle("is-active", other === band));
  };
  const hide = () => {
    tooltip.textContent = "";
    bands.forEach((band) => band.classList.remove("is-active"));
  };
  bands.forEach((band, index) => {
    band.setAttribute("tabindex", index === bands.length - 1 ? "0" : "-1");
    band.addEventListener("mouseenter", () => show(band));
    band.addEventListener("focus", () => show(band));
    band.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (!step) {
        return;
      }
      event.preventDefault();
      const next = bands[Math.min(Math.max(index + step, 0), bands.length - 1)];
      band.setAttribute("tabindex", "-1");
      next.setAttribute("tabindex", "0");
      next.focus();
    });
  });
  chart.addEventListener("mouseleave", hide);
  chart.addEventListener("focusout", (event) => {
    if (!chart.contains(event.relatedTarget)) {
      hide();
    }
  });
});
