/** Where the shop page and its built files are served. */
export const SHOP_PATH = '/demo/shop/';
