import { DEFAULT_CURRENCY, DEMO_PRODUCT_IDS } from '@shop/contracts';
import type { DataSource } from 'typeorm';
import { ProductEntity } from '../catalogue/product.entity';

/** Fixed ids so docs, the attack lab and repeated seeds all agree. */
const DEMO_PRODUCTS: ReadonlyArray<Pick<ProductEntity, 'id' | 'sku' | 'name' | 'price' | 'stock' | 'unitCost'>> = [
  { id: DEMO_PRODUCT_IDS.mug, sku: 'MUG-TLS', name: 'Mutual TLS Mug', price: 1490, stock: 120, unitCost: 410 },
  { id: '6f1c8a52-0b8e-4c1e-9a51-000000000002', sku: 'TEE-SPIFFE', name: 'SPIFFE ID T-Shirt', price: 2490, stock: 80, unitCost: 900 },
  { id: '6f1c8a52-0b8e-4c1e-9a51-000000000003', sku: 'HOOD-ZT', name: 'Zero Trust Hoodie', price: 5490, stock: 40, unitCost: 2100 },
  { id: '6f1c8a52-0b8e-4c1e-9a51-000000000004', sku: 'STK-RLS', name: 'Row-Level Security Sticker Pack', price: 590, stock: 500, unitCost: 60 },
  { id: '6f1c8a52-0b8e-4c1e-9a51-000000000005', sku: 'BOOK-API', name: 'OWASP API Top 10 Field Guide', price: 3290, stock: 60, unitCost: 1500 },
  { id: '6f1c8a52-0b8e-4c1e-9a51-000000000006', sku: 'KEY-FIDO', name: 'Hardware Security Key', price: 4900, stock: 30, unitCost: 2800 },
  { id: '6f1c8a52-0b8e-4c1e-9a51-000000000007', sku: 'CAP-JWT', name: 'Signed Token Cap', price: 1990, stock: 75, unitCost: 700 },
  { id: '6f1c8a52-0b8e-4c1e-9a51-000000000008', sku: 'SOCK-NETPOL', name: 'Default-Deny Socks', price: 1290, stock: 150, unitCost: 300 },
  { id: '6f1c8a52-0b8e-4c1e-9a51-000000000009', sku: 'BAG-VAULT', name: 'Secrets Vault Tote Bag', price: 1890, stock: 90, unitCost: 520 },
  { id: '6f1c8a52-0b8e-4c1e-9a51-000000000010', sku: 'PIN-MESH', name: 'Service Mesh Enamel Pin', price: 790, stock: 300, unitCost: 110 },
  { id: DEMO_PRODUCT_IDS.lastUnitsLamp, sku: 'LAMP-LAST', name: 'Last-Units Desk Lamp', price: 6990, stock: 5, unitCost: 3100 },
  { id: '6f1c8a52-0b8e-4c1e-9a51-000000000012', sku: 'NOTE-THREAT', name: 'Threat Modelling Notebook', price: 1190, stock: 200, unitCost: 250 },
];

/** Inserts the demo catalogue once; existing rows (and their stock) are left alone. */
export async function seedDemoProducts(dataSource: DataSource): Promise<void> {
  await dataSource
    .createQueryBuilder()
    .insert()
    .into(ProductEntity)
    .values(DEMO_PRODUCTS.map((p) => ({ ...p, currency: DEFAULT_CURRENCY })))
    .orIgnore()
    .execute();
}
