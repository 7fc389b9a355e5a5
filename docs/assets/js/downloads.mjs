// Files a result offers (a schedule as CSV, a letter as text, a calendar): saved from memory,
// never sent anywhere.

export function download(file) {
  const blob = new Blob([file.text], { type: file.mime }); // Python's type, charset included
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = file.filename;
  document.body.append(link);
  link.click();
  link.remove();
  // WebKit (every iPhone browser) reads the blob some time after the click, later on a busy phone;
  // revoked too early, the download silently fails. FileSaver.js waits 40 s for the same reason.
  setTimeout(() => URL.revokeObjectURL(url), 40_000);
}
