package render

// ContentSecurityPolicy is the policy every page declares in
// <meta http-equiv="Content-Security-Policy"> (written by the template function csp
// in base.html), first in <head> after the charset, since a policy in a meta tag covers only what
// follows it. It lets a page load scripts, styles, images, fonts and data only from
// the site's own origin, and run no inline code:
//
//   - no inline <script> with code, and no event-handler attributes (onclick=…) or
//     javascript: URLs: code lives in files under static/js/ and is loaded with
//     <script src>. Data for a script goes in a JSON data block,
//     <script type="application/json">, which the browser never runs (charts do so:
//     see internal/chart and static/js/charts.js);
//   - no style="…" attributes and no <style> elements: styles live in static/css/.
//     Scripts may still set element.style or constructed stylesheets (the CSSOM),
//     which the policy allows;
//   - nothing from another host (the site serves ECharts itself).
//
// In a meta tag, frame-ancestors, report-uri and sandbox are ignored (and browsers
// log an error for them), so the policy has none; /embed/ pages stay embeddable.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"

// cspMeta is the meta tag that declares the policy. The policy is a constant with no
// '"', '<' or '&', so it needs no escaping.
const cspMeta = `<meta http-equiv="Content-Security-Policy" content="` + ContentSecurityPolicy + `">`
