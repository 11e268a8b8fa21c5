// type-graphql reads decorator metadata through the Reflect polyfill; it must be loaded before any schema class.
import "reflect-metadata";
