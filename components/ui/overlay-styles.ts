/**
 * Styles of the overlay layer, applied in its shadow root as a constructable stylesheet. The
 * host's own are `!important`: between a page and a shadow root, the page's normal rules win but
 * the shadow root's important ones do, so no page rule (`[popover]{display:none}`, rules on
 * unknown elements) can hide or move the layer.
 */
export const OVERLAY_CSS = `
:host{all:initial!important;display:block!important;position:fixed!important;inset:0!important;pointer-events:none!important;contain:strict!important;z-index:2147483000!important;visibility:visible!important;opacity:1!important}
.layer{position:fixed;inset:0;pointer-events:none;z-index:2147483000;font:12px/1.3 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.badge{position:fixed;pointer-events:auto;display:inline-flex;align-items:center;gap:3px;height:18px;padding:0 6px;border-radius:9px;border:1px solid;font:600 11px/16px system-ui,sans-serif;cursor:pointer;white-space:nowrap;box-shadow:0 1px 2px rgb(0 0 0/.15)}
.badge:focus-visible,.pop button:focus-visible,.dialog button:focus-visible{outline:2px solid #1b1f24;outline-offset:2px}
.granted{background:#e6f4ea;color:#0d5a24;border-color:#2e7d32}
.lacking{background:#fdecea;color:#8a1c12;border-color:#c62828}
.withdrawn{background:#fdecea;color:#8a1c12;border-color:#8a1c12;border-style:double;border-width:3px}
.expired{background:#fff4e5;color:#6b3d00;border-color:#b26a00}
.unknown{background:#f1f3f5;color:#343a40;border-color:#6c757d}
.pending{background:#fff;color:#495057;border-color:#adb5bd;border-style:dotted}
.stale{border-style:dashed}
.compact{width:18px;padding:0;justify-content:center}
.pop,.dialog{position:fixed;pointer-events:auto;background:#fff;color:#1b1f24;border:1px solid #adb5bd;border-radius:8px;box-shadow:0 8px 24px rgb(0 0 0/.2);padding:12px 14px;max-width:420px;font:13px/1.45 system-ui,sans-serif}
.pop{overflow:auto;box-sizing:border-box}
.pop:focus{outline:none}
.pop h2,.dialog h2{font-size:14px;margin:0 0 6px}
.pop table{border-collapse:collapse;width:100%;margin:6px 0}
.pop th,.pop td{text-align:start;padding:3px 6px;border-top:1px solid #e9ecef;vertical-align:top}
.pop ul,.dialog ul{margin:4px 0;padding-inline-start:18px}
.muted{color:#495057;font-size:12px}
.row{display:flex;gap:8px;justify-content:flex-end;margin-top:10px}
button.act{font:inherit;border-radius:6px;padding:6px 12px;border:1px solid #0b5cad;background:#fff;color:#0b5cad;cursor:pointer}
button.act.primary{background:#0b5cad;color:#fff}
.dialog{inset:20% auto auto 50%;transform:translateX(-50%);width:min(440px,90vw);border-width:2px;border-color:#c62828}
.notice{position:fixed;pointer-events:auto;inset:8px 8px auto auto;background:#fff4e5;color:#6b3d00;border:1px solid #b26a00;border-radius:6px;padding:6px 10px;max-width:360px;font:12px/1.4 system-ui,sans-serif}
.notice{display:flex;gap:8px;align-items:flex-start}
.dismiss{all:unset;cursor:pointer;font:16px/1 system-ui,sans-serif;padding:0 2px;color:inherit}
.dismiss:focus-visible{outline:2px solid #1b1f24;outline-offset:1px}
`;
