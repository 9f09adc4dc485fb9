/** Injection tokens of the checkout saga's ports (see saga/README.md). */
export const INVENTORY_PORT = Symbol('InventoryPort');
export const PAYMENT_PORT = Symbol('PaymentPort');
export const SAGA_STORE = Symbol('SagaStorePort');
export const CLOCK = Symbol('Clock');
export const SAGA_LOGGER = Symbol('SagaLogger');
export const SAGA_TIMING = Symbol('SagaTiming');
