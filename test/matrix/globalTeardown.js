module.exports = () => require('./summary').print();
