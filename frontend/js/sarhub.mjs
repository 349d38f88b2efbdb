// Loaded as an external module: the Content Security Policy forbids inline script.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// Choosing a person (or any long list) is a searchable choice: GOV.UK's accessible autocomplete
// enhances the <select>, which still works on its own when this script does not run.
const autocomplete = window.accessibleAutocomplete;
if (autocomplete) {
  for (const select of document.querySelectorAll("select[data-module='sarhub-autocomplete']")) {
    autocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: "",
      showAllValues: true,
      dropdownArrow: () => "",
      tNoResults: () => "No one found: check the spelling, or they may not be able to take this part",
    });
  }
}

// On a narrow screen a data table is shown as a list of records (frontend/scss/sarhub.scss): each
// cell carries its column's name, and the table keeps its roles, since display:block hides them.
for (const table of document.querySelectorAll("table.govuk-table")) {
  const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
  if (!heads.length || table.querySelector("[colspan], [rowspan]")) continue;
  table.classList.add("sarhub-table--stacked");
  table.setAttribute("role", "table");
  for (const section of table.querySelectorAll("thead, tbody")) section.setAttribute("role", "rowgroup");
  for (const th of table.querySelectorAll("thead th")) th.setAttribute("role", "columnheader");
  for (const row of table.querySelectorAll("tr")) {
    row.setAttribute("role", "row");
    if (row.parentElement.tagName === "THEAD") continue;
    [...row.children].forEach((cell, index) => {
      cell.setAttribute("role", cell.tagName === "TH" ? "rowheader" : "cell");
      if (heads[index] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", heads[index]);
    });
  }
}

// Theme suggestions on the finding form (frontend/js/suggestions.mjs), loaded only where the form is.
const suggestionPanels = document.querySelectorAll("[data-module='sarhub-suggestions']");
if (suggestionPanels.length) {
  import("./suggestions.mjs").then(({ enhance }) => suggestionPanels.forEach(enhance));
}
