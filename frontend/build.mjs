// Builds SAR Hub's front-end assets into frontend/build (git-ignored):
// - css/sarhub.css from frontend/scss/sarhub.scss (GOV.UK Frontend, non-gov.uk variant: Arial, no crown)
// - js/govuk-frontend.min.js and js/sarhub.mjs
// - assets/images (GOV.UK Frontend's icons; no GDS Transport font is copied)
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "frontend", "build");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "js"), { recursive: true });

// GOV.UK Frontend 6 is loaded with @use, so no deprecation is silenced: a warning from it or from us is shown.
const result = sass.compile(join(root, "frontend", "scss", "sarhub.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
});
writeFileSync(join(out, "css", "sarhub.css"), result.css);

cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "js", "govuk-frontend.min.js"));
cpSync(join(root, "frontend", "js"), join(out, "js"), { recursive: true });
// GOV.UK's accessible autocomplete: a searchable choice over a <select>, which works without it.
const autocomplete = join(root, "node_modules", "accessible-autocomplete", "dist");
cpSync(join(autocomplete, "accessible-autocomplete.min.js"), join(out, "js", "accessible-autocomplete.min.js"));
cpSync(join(autocomplete, "accessible-autocomplete.min.css"), join(out, "css", "accessible-autocomplete.min.css"));
cpSync(join(govuk, "assets", "images"), join(out, "assets", "images"), { recursive: true });
cpSync(join(govuk, "assets", "manifest.json"), join(out, "assets", "manifest.json"));
cpSync(join(root, "frontend", "images"), join(out, "images"), { recursive: true });
console.log("frontend built into frontend/build");
