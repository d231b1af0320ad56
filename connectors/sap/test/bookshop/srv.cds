// The OData service over the bookshop: etags on Books, a bound action, an unbound function and action.
using { mova.bookshop as db } from './db';

service CatalogService @(path: 'catalog', impl: 'srv.cjs') {
  // Server-driven paging: at most 3 books per answer, the rest behind @odata.nextLink / __next.
  @cds.query.limit: { default: 3, max: 3 }
  entity Books as projection on db.Books actions {
    // A bound action: takes stock out of this book.
    action order(quantity : Integer) returns Books;
  };
  entity Authors as projection on db.Authors;
  entity Reviews as projection on db.Reviews;

  function booksInStock(minimum : Integer) returns Integer;
  action restock(book : Integer, quantity : Integer) returns Integer;
}

// Optimistic concurrency: the ETag is the managed modifiedAt, as S/4HANA's entities carry a last-changed stamp.
annotate CatalogService.Books with {
  modifiedAt @odata.etag;
};
