// A small bookshop, the shape of SAP's CAP samples: the OData service the conformance test talks to.
namespace mova.bookshop;

using { managed } from '@sap/cds/common';

entity Authors {
  key ID   : Integer;
      name : String(111);
      books : Association to many Books on books.author = $self;
}

entity Books : managed {
  key ID     : Integer;
      title  : String(111);
      genre  : String(40);
      stock  : Integer;
      price  : Decimal(9, 2);
      published : Date;
      author : Association to Authors;
}

// A compound key of a string and a number, as SAP's item tables have (order + item number).
entity Reviews {
  key book_ID : Integer;
  key reviewer : String(60);
      rating  : Integer;
      text    : String(500);
}
