// Adds a "Skriv ut" button to the printable publication list. Without JavaScript the
// browser's own print command does the same.
document.querySelectorAll(".print-actions").forEach((actions) => {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = actions.dataset.printLabel;
  button.addEventListener("click", () => window.print());
  actions.prepend(button, " ");
});
