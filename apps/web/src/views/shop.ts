import { html } from 'lit-html';
import { api, type Product } from '../api';
import { cart } from '../cart';
import { money } from '../format';
import type { View, ViewContext } from './view';

function stockText(product: Product): string {
  return product.stock > 0 ? `${product.stock} in stock` : 'Sold out';
}

function addToCart(ctx: ViewContext, product: Product, quantity: number): void {
  cart.add(product.id, quantity);
  ctx.flash({ kind: 'ok', text: `Added ${quantity} × ${product.name} to the cart.` });
  ctx.refresh();
}

export const catalogueView: View = async (ctx) => {
  const products = await api.products();
  return html`<h1>Catalogue</h1>
    <table class="products">
      <caption>
        ${products.length} products, with live stock
      </caption>
      <thead>
        <tr><th scope="col">Product</th><th scope="col">Price</th><th scope="col">Stock</th><th scope="col"><span class="sr-only">Action</span></th></tr>
      </thead>
      <tbody>
        ${products.map(
          (p) => html`<tr data-product=${p.id}>
            <td><a href="#/products/${p.id}">${p.name}</a></td>
            <td>${money(p.price, p.currency)}</td>
            <td class="stock">${stockText(p)}</td>
            <td>
              <button type="button" ?disabled=${p.stock === 0} aria-label="Add to cart: ${p.name}" @click=${() => addToCart(ctx, p, 1)}>
                Add to cart
              </button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
};

export const productView: View = async (ctx) => {
  const product = await api.product(ctx.params['id'] ?? '');
  const submit = (event: Event) => {
    event.preventDefault();
    const quantity = Number(new FormData(event.target as HTMLFormElement).get('quantity'));
    addToCart(ctx, product, quantity);
  };
  return html`<h1>${product.name}</h1>
    <p class="price">${money(product.price, product.currency)}</p>
    <p class="stock" data-product=${product.id}>${stockText(product)}</p>
    <form @submit=${submit}>
      <label for="quantity">Quantity</label>
      <input id="quantity" name="quantity" type="number" min="1" max=${Math.max(product.stock, 1)} value="1" required />
      <button type="submit" ?disabled=${product.stock === 0}>Add to cart</button>
    </form>
    <p><a href="#/">Back to the catalogue</a></p>`;
};
