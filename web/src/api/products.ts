import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from './client.ts';
import type { Schemas } from './types.ts';

/** The product catalogue (v2 products and their variations). */

export type Product = Schemas['Product'];
export type ProductVariation = Schemas['ProductVariation'];
export type ProductImage = Schemas['ProductImageDetail'];
export type BillingFrequency = Product['billing_frequency'];

export const BILLING_FREQUENCIES: readonly BillingFrequency[] = [
  'one-time',
  'weekly',
  'monthly',
  'quarterly',
  'semi-annually',
  'annually',
];

export interface ProductPage {
  products: Product[];
  next: string | null;
}

export const productKeys = {
  all: ['products'] as const,
  /** the catalogue, a page at a time; `term` narrows it by name or code */
  list: (term: string) => ['products', 'list', { term }] as const,
  /** a short list of products matching `term`, for pickers */
  search: (term: string) => ['products', 'search', { term }] as const,
  detail: (id: number) => ['products', 'detail', id] as const,
  variations: (id: number) => ['products', 'variations', id] as const,
  /** a product's one image, or null */
  image: (id: number) => ['products', 'image', id] as const,
};

/** Products change seldom and every change here invalidates them. */
export const PRODUCTS_STALE_MS = 60_000;
const PAGE = 100;

/** The products whose name or code holds `term`, in full (search answers ids, the list the rest). */
async function searchProducts(term: string, limit: number): Promise<Product[]> {
  const found = await api.get<{ items: { item: { id: number } }[] }>('/api/v2/products/search', {
    term,
    fields: 'name,code',
    limit,
  });
  const ids = found.data.items.map((i) => i.item.id);
  if (ids.length === 0) return [];
  const res = await api.get<Product[]>('/api/v2/products', { ids: ids.join(','), limit: ids.length });
  const byId = new Map(res.data.map((p) => [p.id, p]));
  return ids.map((id) => byId.get(id)).filter((p): p is Product => p !== undefined);
}

export async function fetchProductPage(term: string, cursor: string | null): Promise<ProductPage> {
  if (term) return { products: await searchProducts(term, PAGE), next: null };
  const res = await api.get<Product[]>('/api/v2/products', {
    sort_by: 'name',
    limit: PAGE,
    cursor,
  });
  return { products: res.data, next: res.additional_data?.next_cursor ?? null };
}

/** The Products page's list: every product by name, or those matching `term`. */
export function useProducts(term: string) {
  return useInfiniteQuery({
    queryKey: productKeys.list(term),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => fetchProductPage(term, pageParam),
    getNextPageParam: (last) => last.next,
    staleTime: PRODUCTS_STALE_MS,
  });
}

export async function fetchProductChoices(term: string): Promise<Product[]> {
  if (term) return searchProducts(term, 20);
  return (await api.get<Product[]>('/api/v2/products', { sort_by: 'name', limit: 20 })).data;
}

/** Up to 20 products for a picker (the first by name while nothing is typed). */
export function useProductChoices(term: string, enabled = true) {
  return useQuery({
    queryKey: productKeys.search(term),
    queryFn: () => fetchProductChoices(term),
    enabled,
    staleTime: PRODUCTS_STALE_MS,
  });
}

export async function fetchVariations(productId: number): Promise<ProductVariation[]> {
  return (await api.get<ProductVariation[]>(`/api/v2/products/${productId}/variations`, { limit: 500 })).data;
}

export function useProductVariations(productId: number | null) {
  return useQuery({
    queryKey: productKeys.variations(productId ?? 0),
    queryFn: () => fetchVariations(productId ?? 0),
    enabled: productId !== null,
    staleTime: PRODUCTS_STALE_MS,
  });
}

export interface PriceInput {
  currency: string;
  price: number;
  cost?: number;
}

export interface ProductInput {
  name: string;
  code?: string;
  unit?: string;
  description?: string;
  category?: string | null;
  tax?: number;
  billing_frequency?: BillingFrequency;
  billing_frequency_cycles?: number | null;
  prices?: PriceInput[];
  /** custom values by field code; null clears one */
  custom_fields?: Record<string, unknown>;
}

/** Adds a product, or changes `product` when one is given. */
export function useSaveProduct(product?: Product | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: ProductInput | Partial<ProductInput>) =>
      (product
        ? await api.patch<Product>(`/api/v2/products/${product.id}`, body)
        : await api.post<Product>('/api/v2/products', body as ProductInput)
      ).data,
    onSuccess: (saved) => {
      qc.setQueryData(productKeys.detail(saved.id), saved);
      void qc.invalidateQueries({ queryKey: productKeys.all });
    },
  });
}

export async function fetchProduct(id: number): Promise<Product> {
  return (await api.get<Product>(`/api/v2/products/${id}`)).data;
}

/** One product, fresh from the server; `initial` (the list's copy) shows until it answers. */
export function useProduct(id: number, initial?: Product) {
  return useQuery({
    queryKey: productKeys.detail(id),
    queryFn: () => fetchProduct(id),
    initialData: initial,
    staleTime: 0,
  });
}

/** A product's image, or null when it has none. */
export async function fetchProductImage(id: number): Promise<ProductImage | null> {
  try {
    return (await api.get<ProductImage>(`/api/v2/products/${id}/images`)).data;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export function useProductImage(id: number) {
  return useQuery({
    queryKey: productKeys.image(id),
    queryFn: () => fetchProductImage(id),
    staleTime: PRODUCTS_STALE_MS,
  });
}

/** Where the web app shows a product's image from; the image id makes a replaced one load anew. */
export const productImageSrc = (image: ProductImage) =>
  `/api/ext/products/${image.product_id}/image?v=${image.id}`;

/** Sets a product's image (POST, or PUT to replace the one it has) and removes it. */
export function useProductImageMutations(id: number) {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: productKeys.image(id) });
  const upload = useMutation({
    mutationFn: async ({ file, replace }: { file: File; replace: boolean }) => {
      const form = new FormData();
      form.append('data', file, file.name);
      const path = `/api/v2/products/${id}/images`;
      return (replace ? await api.put(path, form) : await api.post(path, form)).data;
    },
    onSuccess,
  });
  const remove = useMutation({ mutationFn: () => api.del(`/api/v2/products/${id}/images`), onSuccess });
  return { upload, remove };
}

export function useDeleteProduct() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.del(`/api/v2/products/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: productKeys.all }),
  });
}

export interface VariationInput {
  name: string;
  prices?: PriceInput[];
  /** custom values by field code; null clears one */
  custom_fields?: Record<string, unknown>;
}

/** Adds a variation to product `productId`, or changes `variation` when one is given. */
export function useSaveVariation(productId: number, variation?: ProductVariation | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: VariationInput) =>
      (variation
        ? await api.patch<ProductVariation>(`/api/v2/products/${productId}/variations/${variation.id}`, body)
        : await api.post<ProductVariation>(`/api/v2/products/${productId}/variations`, body)
      ).data,
    onSuccess: () => qc.invalidateQueries({ queryKey: productKeys.variations(productId) }),
  });
}

export function useDeleteVariation(productId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.del(`/api/v2/products/${productId}/variations/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: productKeys.variations(productId) }),
  });
}
