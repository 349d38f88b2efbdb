// Theme suggestions on the finding form, as the person types (progressive enhancement).
//
// Without this script the form still works: "Suggest themes" posts the form back with the suggestions,
// and Accept / Reject post it again. With it, the suggestions refresh a moment after typing stops (the form
// is posted to the review's suggestions endpoint, never saved), and Accept / Reject act in the page:
// accepting ticks the matching box (or chooses the domain); nothing is ever ticked without it. Choices
// travel in hidden `suggestion_choice` fields and are kept only when the finding is saved. Changes are
// announced through the panel's polite live region.

const WAIT_MS = 500;
const FIELDS = { practice_theme: "practice_themes", abuse_type: "abuse_types", domain: "domain" };

export function enhance(root) {
  const form = root.closest("form");
  const endpoint = root.dataset.endpoint;
  const panel = root.querySelector("[data-suggestions-panel]");
  const status = root.querySelector("[data-suggestions-status]");
  const store = root.querySelector("[data-suggestion-choices]");
  const text = form && form.querySelector("textarea[name='text']");
  if (!form || !endpoint || !panel || !status || !store || !text) return;

  let timer = 0;
  let latest = 0; // the newest request: an older answer arriving late is ignored
  let lastText = null;

  const say = (message) => {
    // Clear first so that the same message said twice is announced twice.
    status.textContent = "";
    window.setTimeout(() => {
      status.textContent = message;
    }, 50);
  };

  const choiceInputs = () => [...store.querySelectorAll("input[name='suggestion_choice']")];
  const readChoice = (input) => {
    try {
      return JSON.parse(input.value);
    } catch {
      return null;
    }
  };
  const findChoice = (kind, value) =>
    choiceInputs().find((input) => {
      const choice = readChoice(input);
      return choice && choice.kind === kind && String(choice.value) === String(value);
    });

  const setChoice = (kind, value, words, accepted) => {
    const existing = findChoice(kind, value);
    const input = existing || document.createElement("input");
    input.type = "hidden";
    input.name = "suggestion_choice";
    input.value = JSON.stringify({ kind, value: String(value), words, accepted });
    if (!existing) store.append(input);
  };

  async function refresh({ announce = true, focusToken = null } = {}) {
    const mine = ++latest;
    const body = new FormData(form);
    body.delete("action");
    body.delete("suggestion");
    let data;
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-Requested-With": "fetch" },
      });
      if (!response.ok) return;
      data = await response.json();
    } catch {
      return; // offline: the "Suggest themes" button still works
    }
    if (mine !== latest) return; // a newer request is on its way
    panel.innerHTML = data.html;
    if (announce) say(data.message);
    if (focusToken) {
      const item = panel.querySelector(`[data-token="${CSS.escape(focusToken)}"]`);
      const target = item && item.querySelector("button");
      if (target) target.focus();
      else panel.focus();
    }
  }

  let codesTimer;
  const schedule = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      if (text.value === lastText) return;
      lastText = text.value;
      refresh();
    }, WAIT_MS);
  };

  function choose(button) {
    const [verb, kind, value] = button.value.split(":");
    const item = button.closest("[data-token]");
    if (!item || !(kind in FIELDS)) return;
    const accepted = verb === "accept";
    const before = findChoice(kind, value);
    const wasAccepted = before ? readChoice(before)?.accepted === true : false;
    let words = [];
    try {
      words = JSON.parse(item.dataset.words || "[]");
    } catch {
      words = [];
    }
    setChoice(kind, value, words, accepted);
    const box = item.dataset.input ? document.getElementById(item.dataset.input) : null;
    const label = item.dataset.label;
    let message;
    if (accepted) {
      if (box) {
        box.checked = true;
        box.dispatchEvent(new Event("change", { bubbles: true }));
      }
      message =
        kind === "domain"
          ? `Accepted: ${label}. It is now the learning domain.`
          : `Accepted: ${label}. It is now chosen under ${item.dataset.kindLabel.toLowerCase()}s.`;
    } else {
      if (box && wasAccepted) box.checked = false;
      message = `Rejected: ${label}.`;
    }
    say(message);
    refresh({ announce: false, focusToken: item.dataset.token });
  }

  root.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button || !root.contains(button)) return;
    if (button.name === "suggestion") {
      event.preventDefault();
      choose(button);
    } else if (button.hasAttribute("data-suggest-button")) {
      event.preventDefault();
      lastText = text.value;
      refresh({ focusToken: null }).then(() => panel.focus());
    }
  });

  text.addEventListener("input", schedule);

  // A box the person unticks after accepting it is no longer accepted; any change to the codes changes
  // what is worth suggesting (what they ticked themselves is not suggested again).
  form.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || root.contains(input)) return;
    const kind = Object.keys(FIELDS).find((key) => FIELDS[key] === input.name);
    if (!kind) return;
    if (!input.checked && kind !== "domain") {
      const choice = findChoice(kind, input.value);
      if (choice && readChoice(choice)?.accepted) choice.remove();
    }
    if (text.value.trim() && event.isTrusted) {
      // Several boxes ticked in a row ask once, after the last.
      window.clearTimeout(codesTimer);
      codesTimer = window.setTimeout(() => refresh({ announce: false }), WAIT_MS);
    }
  });
}
