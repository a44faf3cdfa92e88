/** Where Summit CRM's built files are served. */
export const CRM_ASSETS = '/assets/';

const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='7' fill='%23172033'/%3E%3Cpath fill='%237c9cff' d='M4 25 13 10l5 8 3-4 7 11z'/%3E%3C/svg%3E";

/**
 * Summit CRM's HTML shell, the same for every path (the app reads the address itself); constant,
 * with no request data in it.
 */
export const CRM_SHELL = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Summit CRM</title>
<link rel="icon" href="${FAVICON}">
<link rel="stylesheet" href="${CRM_ASSETS}crm.css">
<script type="module" src="${CRM_ASSETS}crm.js"></script>
</head>
<body>
<div id="app"><noscript>Summit CRM needs JavaScript.</noscript></div>
</body>
</html>
`;
