import type { CompensationRequest } from './common';
/** Mirrors shop.inventory.v1. Money is integer minor units. */
export interface Product {
  id: string;
  name: string;
  price: number;
  currency: string;
  stock: number;
}
export interface ProductList {
  items: Product[];
}
export interface StockLine {
  productId: string;
  quantity: number;
}
export interface ReservedLine {
  productId: string;
  quantity: number;
  unitPrice: number;
}
export type ReservationStatus = 'RESERVED' | 'RELEASED';
export interface Reservation {
  orderId: string;
  status: ReservationStatus;
  lines: ReservedLine[];
  total: number;
  currency: string;
}
export interface ReserveStockRequest {
  orderId: string;
  lines: StockLine[];
}

export interface ProductImageInfo {
  productId: string;
  contentType: string;
  byteSize: number;
  sha256: string;
}
export interface ProductImage {
  contentType: string;
  data: Buffer;
  sha256: string;
}

export interface InventoryServiceMethods {
  ListProducts: { request: Record<string, never>; response: ProductList };
  GetProduct: { request: { id: string }; response: Product };
  ReserveStock: { request: ReserveStockRequest; response: Reservation };
  ReleaseStock: { request: CompensationRequest; response: Reservation };
  ImportProductImage: { request: { productId: string; url: string }; response: ProductImageInfo };
  GetProductImage: { request: { productId: string }; response: ProductImage };
}
