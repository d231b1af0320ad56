// Handlers of the bookshop's function and actions (CAP looks the implementation up by @impl).
const cds = require('@sap/cds');

module.exports = class CatalogService extends cds.ApplicationService {
  init() {
    const { Books } = this.entities;
    this.on('booksInStock', async (req) => {
      const rows = await SELECT.from(Books).where({ stock: { '>=': req.data.minimum ?? 0 } });
      return rows.length;
    });
    this.on('restock', async (req) => {
      const { book, quantity } = req.data;
      const found = await SELECT.one.from(Books, book);
      if (!found) return req.reject(404, `Book ${book} does not exist`);
      await UPDATE(Books, book).with({ stock: found.stock + quantity });
      return found.stock + quantity;
    });
    this.on('order', Books, async (req) => {
      const { ID } = req.params[0];
      const found = await SELECT.one.from(Books, ID);
      if (found.stock < req.data.quantity) return req.reject(409, `Only ${found.stock} left of book ${ID}`);
      await UPDATE(Books, ID).with({ stock: found.stock - req.data.quantity });
      return SELECT.one.from(Books, ID);
    });
    return super.init();
  }
};
