import { Route } from 'react-router';
import { lazyNamed } from '../../components/lazy.ts';

const ProductsPage = lazyNamed(() => import('./products-page.tsx'), 'ProductsPage');

/** The routes of this feature (mounted inside the app layout): the product catalogue. */
export const productsRoutes = <Route path="/products" element={<ProductsPage />} />;
