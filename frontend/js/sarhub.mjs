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
