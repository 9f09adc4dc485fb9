import { html } from 'lit-html';
import { ApiError, api, type Product } from '../api';
import { cart } from '../cart';
import { money } from '../format';
import { go } from '../router';
import { session } from '../session';
import { formValues, problemText, signInFirst, type View, type ViewContext } from './view';

/** The payment service's test cards, shown so trainees can try both paths. */
const TEST_CARDS = [
  { number: '4242424242424242', outcome: 'approved' },
  { number: '4000000000000002', outcome: 'declined' },
];

async function checkout(ctx: ViewContext, event: Event): Promise<void> {
  const card = formValues(event);
  // One key per attempt: a network retry of this very request is recognised,
  // a new attempt after a decline is a new order.
  const idempotencyKey = `web-${crypto.randomUUID()}`;
  const payment = { cardNumber: (card['cardNumber'] ?? '').replace(/\s+/g, ''), expMonth: Number(card['expMonth']), expYear: Number(card['expYear']), cvc: card['cvc'] ?? '' };
  try {
    const order = await api.placeOrder(cart.items, payment, idempotencyKey);
    cart.clear();
    ctx.flash({ kind: 'ok', text: `Order confirmed: ${money(order.total, order.currency)} charged.` });
    go(`/orders/${order.id}`);
  } catch (error) {
    const declined = error instanceof ApiError && error.problem.code === 'ORDER.PAYMENT_DECLINED';
    const text = declined
      ? 'Your card was declined. Nothing was charged, and the items went back into stock (see the stock column below). Try another card.'
      : `Checkout failed: ${problemText(error)}`;
    ctx.flash({ kind: 'error', text });
    ctx.refresh();
  }
}

function cartTable(ctx: ViewContext, products: ReadonlyMap<string, Product>) {
  let total = 0;
  let currency = 'EUR';
  const rows = cart.items.map(({ productId, quantity }) => {
    const product = products.get(productId);
    if (!product) return html`<tr><td colspan="4">A product that no longer exists (${productId})</td></tr>`;
    total += product.price * quantity;
    currency = product.currency;
    return html`<tr data-product=${productId}>
      <td>${product.name}</td>
      <td>
        <label class="sr-only" for="qty-${productId}">Quantity of ${product.name}</label>
        <input id="qty-${productId}" type="number" min="0" .value=${String(quantity)}
          @change=${(e: Event) => { cart.set(productId, Number((e.target as HTMLInputElement).value)); ctx.refresh(); }} />
      </td>
      <td>${money(product.price * quantity, product.currency)}</td>
      <td class="stock">${product.stock} in stock</td>
    </tr>`;
  });
  return html`<table class="cart">
      <thead><tr><th scope="col">Product</th><th scope="col">Quantity</th><th scope="col">Amount</th><th scope="col">Stock now</th></tr></thead>
      <tbody>${rows}</tbody>
    </table>
    <p class="total">Total: <strong>${money(total, currency)}</strong></p>`;
}

export const cartView: View = async (ctx) => {
  if (cart.count === 0) return html`<h1>Your cart</h1><p>The cart is empty. <a href="#/">Browse the catalogue</a>.</p>`;
  const products = new Map((await api.products()).map((p) => [p.id, p]));
  const year = new Date().getFullYear() + 2;
  return html`<h1>Your cart</h1>
    ${cartTable(ctx, products)}
    <h2>Checkout</h2>
    ${session.signedIn
      ? html`<form class="stacked" @submit=${(e: Event) => checkout(ctx, e)}>
          <label for="cardNumber">Card number</label>
          <input id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="cc-number" required pattern="[0-9 ]{12,23}" />
          <label for="expMonth">Expiry month</label>
          <input id="expMonth" name="expMonth" type="number" min="1" max="12" value="12" required />
          <label for="expYear">Expiry year</label>
          <input id="expYear" name="expYear" type="number" min="2000" value=${year} required />
          <label for="cvc">CVC</label>
          <input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" required pattern="[0-9]{3,4}" />
          <button type="submit">Pay and place the order</button>
        </form>
        <p class="hint">Test cards: ${TEST_CARDS.map((c) => html`<code>${c.number}</code> (${c.outcome}) `)}</p>`
      : signInFirst}`;
};
