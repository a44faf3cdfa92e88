/**
 * The widget's styles, applied inside its shadow root as a constructable stylesheet (no inline
 * `<style>` on strict pages). Themable through custom properties set on the host element, e.g.
 * `#consentry-root { --consentry-accent: #0b5cad; }`. Colours meet 4.5:1 contrast.
 */
export const CSS = `
:host{all:initial;--consentry-bg:#fff;--consentry-fg:#1b1f24;--consentry-muted:#4b5563;--consentry-accent:#0b5cad;--consentry-accent-fg:#fff;--consentry-border:#c9ced6;--consentry-radius:10px;--consentry-font:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
*{box-sizing:border-box}
.layer{position:fixed;z-index:2147483000;inset:auto 0 0 0;display:flex;justify-content:center;padding:12px;font:15px/1.45 var(--consentry-font);color:var(--consentry-fg)}
.backdrop{position:fixed;inset:0;z-index:2147483000;background:rgb(0 0 0 / .45);display:flex;align-items:center;justify-content:center;padding:12px;font:15px/1.45 var(--consentry-font);color:var(--consentry-fg)}
.panel{background:var(--consentry-bg);border:1px solid var(--consentry-border);border-radius:var(--consentry-radius);box-shadow:0 8px 30px rgb(0 0 0 / .18);padding:20px;max-width:760px;width:100%;max-height:calc(100vh - 24px);overflow:auto}
h2{font-size:18px;margin:0 0 8px}h3{font-size:15px;margin:0}
p{margin:0 0 12px}.muted{color:var(--consentry-muted);font-size:13px}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}
button{font:inherit;cursor:pointer;border-radius:8px;padding:10px 16px;min-height:44px;border:2px solid var(--consentry-accent)}
.primary{background:var(--consentry-accent);color:var(--consentry-accent-fg)}
.secondary{background:var(--consentry-bg);color:var(--consentry-accent)}
.actions.equal button{flex:1 1 0;min-width:9em;background:var(--consentry-accent);color:var(--consentry-accent-fg)}
button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid var(--consentry-fg);outline-offset:2px}
a{color:var(--consentry-accent)}
.purpose{border-top:1px solid var(--consentry-border);padding:12px 0}
.row{display:flex;align-items:center;justify-content:space-between;gap:12px}
.switch{display:inline-flex;align-items:center;gap:8px;font-weight:600}
.switch input{width:44px;height:24px;accent-color:var(--consentry-accent)}
ul{margin:4px 0 0;padding-inline-start:18px}
.reopen{position:fixed;z-index:2147482999;inset-block-end:12px;inset-inline-start:12px;background:var(--consentry-bg);color:var(--consentry-accent);font:14px/1 var(--consentry-font);padding:8px 12px;min-height:36px}
.notice{border-inline-start:4px solid var(--consentry-accent);padding-inline-start:10px}
@media (prefers-reduced-motion:no-preference){.panel{animation:consentry-in .18s ease-out}}
@keyframes consentry-in{from{transform:translateY(8px);opacity:0}to{transform:none;opacity:1}}
`;
