// Progressive enhancement only: every page works without this file.
document.documentElement.classList.replace("no-js", "js");

// After a form is sent back with errors, move focus to the list of problems,
// so that screen reader and keyboard users start there.
document.querySelector("[data-error-summary]")?.focus();
