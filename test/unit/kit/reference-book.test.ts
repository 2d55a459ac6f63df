import { describe, expect, it } from 'vitest';
import { createReferenceBook } from '../../../gateways/kit/reference-book.ts';

describe('reference book', () => {
  it('keeps a reference through intermediate reports and forgets it on the final one', () => {
    const book = createReferenceBook();
    book.put('m1', 'order-1');
    expect(book.take('m1', false)).toBe('order-1');
    expect(book.take('m1', true)).toBe('order-1');
    expect(book.take('m1', true)).toBeUndefined();
    expect(book.size).toBe(0);
  });

  it('drops the oldest reference when full', () => {
    const book = createReferenceBook(2);
    book.put('a', '1');
    book.put('b', '2');
    book.put('c', '3');
    expect(book.size).toBe(2);
    expect([book.take('a', false), book.take('b', false), book.take('c', false)]).toEqual([undefined, '2', '3']);
  });
});
