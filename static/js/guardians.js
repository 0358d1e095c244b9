// Guardians pages: print buttons and copying the one-time invitation link (no inline script).
for (const button of document.querySelectorAll('[data-print]')) {
  button.addEventListener('click', () => window.print());
}

for (const button of document.querySelectorAll('[data-copy]')) {
  button.addEventListener('click', async () => {
    const input = document.querySelector(button.dataset.copy);
    if (!input) return;
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
    } catch {
      document.execCommand('copy');  // older browsers, or a page not served over HTTPS
    }
    const note = button.parentElement.querySelector('[data-copied]');
    if (note) note.hidden = false;
  });
}
