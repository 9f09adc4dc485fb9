import { html } from 'lit-html';
import { ApiError, api, type Order } from '../api';
import { money, when } from '../format';
import { session } from '../session';
import { signInFirst, type View } from './view';

function ordersTable(orders: readonly Order[], caption: string) {
  if (orders.length === 0) return html`<p>No orders yet.</p>`;
  return html`<table class="orders">
    <caption>${caption}</caption>
    <thead><tr><th scope="col">Order</th><th scope="col">Placed</th><th scope="col">Status</th><th scope="col">Total</th></tr></thead>
    <tbody>
      ${orders.map(
        (o) => html`<tr data-order=${o.id}>
          <td><a href="#/orders/${o.id}">${o.id.slice(0, 8)}</a></td>
          <td>${when(o.createdAt)}</td>
          <td class="status">${o.status}</td>
          <td>${money(o.total, o.currency)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

export const ordersView: View = async () => {
  if (!session.signedIn) return signInFirst;
  return html`<h1>My orders</h1>${ordersTable(await api.myOrders(), 'Your orders, newest first')}`;
};

export const orderView: View = async (ctx) => {
  if (!session.signedIn) return signInFirst;
  const id = ctx.params['id'] ?? '';
  try {
    const order = await api.order(id);
    return html`<h1>Order ${order.id}</h1>
      <dl class="order">
        <dt>Status</dt><dd class="status">${order.status}</dd>
        <dt>Placed</dt><dd>${when(order.createdAt)}</dd>
        <dt>Total</dt><dd>${money(order.total, order.currency)}</dd>
        ${order.failureCode ? html`<dt>Why it did not confirm</dt><dd>${order.failureCode}</dd>` : ''}
      </dl>
      <h2>Items</h2>
      <ul>${order.items.map((i) => html`<li>${i.quantity} × ${i.productId} at ${money(i.unitPrice, order.currency)}</li>`)}</ul>
      <p><a href="#/orders">All my orders</a></p>`;
  } catch (error) {
    // Someone else's order is 404 on purpose: the gateway does not even confirm it exists.
    if (error instanceof ApiError && error.problem.status === 404) {
      return html`<h1>Order not found</h1><p class="not-found">There is no order ${id} in your account (${error.problem.code}).</p>`;
    }
    throw error;
  }
};

export const adminOrdersView: View = async () => {
  if (!session.signedIn) return signInFirst;
  return html`<h1>All orders</h1>${ordersTable(await api.allOrders(), 'Every customer, the latest 100')}`;
};
