import { html } from 'lit-html';
import { api } from '../api';
import { session } from '../session';
import { formValues, problemText, signInFirst, type View } from './view';

/**
 * The image import goes through inventory's SSRF guard; a refusal comes back
 * as problem+json whose detail names the reason (private address, port...),
 * shown here verbatim as text.
 */
export const adminImageView: View = async (ctx) => {
  if (!session.signedIn) return signInFirst;
  const products = await api.products();
  const submit = async (event: Event) => {
    const { productId = '', url = '' } = formValues(event);
    try {
      const image = await api.importImage(productId, url);
      ctx.flash({ kind: 'ok', text: `Imported ${image.contentType}, ${image.byteSize} bytes, served at ${image.href}.` });
    } catch (error) {
      ctx.flash({ kind: 'error', text: `Import refused: ${problemText(error)}` });
    }
    ctx.refresh();
  };
  return html`<h1>Import a product image</h1>
    <form class="stacked" @submit=${submit}>
      <label for="productId">Product</label>
      <select id="productId" name="productId">${products.map((p) => html`<option value=${p.id}>${p.name}</option>`)}</select>
      <label for="url">Image URL (http or https, public address)</label>
      <input id="url" name="url" type="url" required maxlength="2048" />
      <button type="submit">Import</button>
    </form>`;
};

