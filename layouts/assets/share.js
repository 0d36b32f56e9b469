// "Copy link" under a content page: shown only where this script runs,
// it copies the page's address and says so to screen readers too.
for (const button of document.querySelectorAll(".share-copy button")) {
  button.parentNode.hidden = false;
  button.addEventListener("click", async () => {
    const url = button.dataset.url;
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      const area = document.createElement("textarea");
      area.value = url;
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    button.nextElementSibling.textContent = button.dataset.done;
  });
}
