// A "Print" button opens the browser's print dialog. The button is hidden until this script runs,
// so a page without JavaScript offers no dead button (the browser's own Print does the same).
for (const button of document.querySelectorAll('button[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
