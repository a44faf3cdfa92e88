/** Wires the "Add to cart" buttons to the header's cart count (kept in memory: it is a demo). */
export function wireCart(doc: Document): void {
  const count = doc.querySelector('[data-testid="cart-count"]');
  let items = 0;
  for (const button of Array.from(doc.querySelectorAll('[data-add-to-cart]'))) {
    button.addEventListener('click', () => {
      items += 1;
      if (count) count.textContent = String(items);
    });
  }
}
